"""The village market's domain: catalogue, order understanding, orders, shop orders, rounds.

Nothing here imports Flask, Twilio, Telegram or RQ.
"""
