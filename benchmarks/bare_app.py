"""The yardstick for benchmarks/webhooks.py: Flask answering the webhook route with constant TwiML."""
from flask import Flask, Response

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'


def create_app():
    """A Flask app with nothing but the route."""
    app = Flask(__name__)

    @app.post("/twilio/messages")
    def messages():
        return Response(EMPTY_TWIML, mimetype="text/xml")

    return app
