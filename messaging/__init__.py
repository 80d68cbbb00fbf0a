"""Messages in and out: their tables, the inbox, the outbox, the transports and their provider clients.

A channel's webhook stores what came in (`inbox`); whatever answers a person puts a row in the
outbox (`outbox`), and a worker sends it (`transport`). Nothing here knows a conversation.
"""
