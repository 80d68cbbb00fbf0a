"""Every webhook a provider calls: Twilio's messages, delivery statuses and voice steps, and Telegram's Updates."""
