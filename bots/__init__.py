"""Text channels (SMS, WhatsApp, Telegram) and the one conversation engine they share."""
