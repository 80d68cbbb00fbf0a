"""Configuration from the environment (CONTRACT section 2), with a `.env` file read too.

Secrets that are not given are generated once under `instance/`, so that every process of
one installation (web, worker, scheduler, CLI) agrees on them.
"""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from dotenv import load_dotenv

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PROJECT_ROOT / "templates"
DEMO_DIR = PROJECT_ROOT / "demo" / "zwartsluis"


@dataclass(frozen=True)
class Settings:
    """Everything a process of Dorpslijn is configured with."""

    instance_dir: Path
    database_url: str
    redis_url: str | None
    transport: str
    public_base_url: str
    twilio_account_sid: str
    twilio_auth_token: str
    twilio_api_base: str | None
    telegram_bot_token: str
    telegram_webhook_secret: str
    telegram_api_base: str | None
    secret_key: str
    voice: str
    telegram_village: str = ""
    clock: str = ""
    whatsapp_content_sid: str = ""
    voice_en: str = "Polly.Amy"
    keep_messages_days: int = 180  # then what was said is blanked (docs/PRIVACY.md)
    keep_orders_years: int = 7     # the fiscal term; then orders lose their customer
    lock_seconds: float = 10.0
    message_seconds: float = 5.0     # one inbound message's time budget, then the coordinator gets it
    sweep_seconds: float = 10.0
    relay_wait_seconds: float = 5.0  # a worker's wait for an announced message, then it waits again
    inbound_per_minute: int = 10      # messages of one number answered a minute (bots/floods.py)
    sends_per_number_hour: int = 40   # messages to one resident's number an hour (messaging/sending_caps.py)
    sends_per_village_day: int = 0    # messages a village sends a day; 0: 20 per person it knows, at least 1,000
    password_hashing: str = "scrypt"  # werkzeug's method for dashboard passwords; tests take a cheap one
    extra: dict = field(default_factory=dict)

    @property
    def console(self) -> bool:
        """Whether outbound messages are only recorded (the simulator), never sent."""
        return self.transport == "console"

    def now(self) -> datetime:
        """The current time in UTC, or the fixed moment `DORPSLIJN_CLOCK` names (tests, demos)."""
        if self.clock:
            return datetime.fromisoformat(self.clock).astimezone(timezone.utc)
        return datetime.now(timezone.utc)


def load_settings(**overrides) -> Settings:
    """Read the settings from the environment; `overrides` win (tests use them)."""
    load_dotenv(PROJECT_ROOT / ".env", override=False)
    env = os.environ
    instance = Path(overrides.pop("instance_dir", None) or env.get("DORPSLIJN_INSTANCE", PROJECT_ROOT / "instance"))
    instance.mkdir(parents=True, exist_ok=True)
    values = dict(
        instance_dir=instance,
        database_url=sqlalchemy_url(env.get("DATABASE_URL") or f"sqlite:///{instance / 'dorpslijn.db'}"),
        redis_url=env.get("REDIS_URL") or None,
        transport=env.get("DORPSLIJN_TRANSPORT", "console"),
        public_base_url=env.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        twilio_account_sid=env.get("TWILIO_ACCOUNT_SID") or "AC" + "0" * 32,
        twilio_auth_token=env.get("TWILIO_AUTH_TOKEN") or _generated(instance, "twilio_dev_token"),
        twilio_api_base=env.get("TWILIO_API_BASE") or None,
        telegram_bot_token=env.get("TELEGRAM_BOT_TOKEN", ""),
        telegram_webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET") or _generated(instance, "telegram_dev_secret"),
        telegram_api_base=env.get("TELEGRAM_API_BASE") or None,
        telegram_village=env.get("TELEGRAM_VILLAGE", ""),
        secret_key=env.get("SECRET_KEY") or _generated(instance, "secret_key"),
        voice=env.get("DORPSLIJN_VOICE", "Polly.Lotte"),
        clock=env.get("DORPSLIJN_CLOCK", ""),
        whatsapp_content_sid=env.get("TWILIO_WHATSAPP_CONTENT_SID", ""),
        voice_en=env.get("DORPSLIJN_VOICE_EN", "Polly.Amy"),
        keep_messages_days=int(env.get("DORPSLIJN_KEEP_MESSAGES_DAYS") or 180),
        keep_orders_years=int(env.get("DORPSLIJN_KEEP_ORDERS_YEARS") or 7),
        lock_seconds=float(env.get("DORPSLIJN_LOCK_SECONDS") or 10),
        message_seconds=float(env.get("DORPSLIJN_MESSAGE_SECONDS") or 5),
        sweep_seconds=float(env.get("DORPSLIJN_SWEEP_SECONDS") or 10),
        relay_wait_seconds=float(env.get("DORPSLIJN_RELAY_WAIT_SECONDS") or 5),
        inbound_per_minute=int(env.get("DORPSLIJN_INBOUND_PER_MINUTE") or 10),
        sends_per_number_hour=int(env.get("DORPSLIJN_SENDS_PER_NUMBER_HOUR") or 40),
        sends_per_village_day=int(env.get("DORPSLIJN_SENDS_PER_VILLAGE_DAY") or 0),
        password_hashing=env.get("DORPSLIJN_PASSWORD_HASHING") or "scrypt",
    )
    values.update(overrides)
    return Settings(**values)


def sqlalchemy_url(url: str) -> str:
    """A PostgreSQL URL as operators write it, with the psycopg 3 driver that we install."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def _generated(instance: Path, name: str) -> str:
    """A secret kept in `instance/NAME`, made the first time it is asked for."""
    path = instance / name
    if not path.exists():
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(secrets.token_hex(20))
        os.replace(tmp, path) if not path.exists() else tmp.unlink()
    return path.read_text().strip()
