"""An email as JSON and back: what the outbox stores is exactly what the worker sends."""

from email.utils import make_msgid

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME


def to_json(message: EmailMessage) -> dict:
    if message.attachments:
        # Nothing we send has attachments; storing files in the outbox would need a design.
        raise ValueError("An email with attachments cannot be queued.")
    headers = {str(name): str(value) for name, value in message.extra_headers.items()}
    # Fixed now, so that the one duplicate SMTP allows (see outbox.delivery) carries the same id
    # and mail clients show it once.
    headers.setdefault("Message-ID", make_msgid(domain=str(DNS_NAME)))
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": [str(address) for address in message.to],
        "cc": [str(address) for address in message.cc],
        "bcc": [str(address) for address in message.bcc],
        "reply_to": [str(address) for address in message.reply_to],
        "headers": headers,
        "content_subtype": message.content_subtype,
        "alternatives": [
            [str(content), mimetype]
            for content, mimetype in getattr(message, "alternatives", None) or []
        ],
    }


def from_json(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data["content_subtype"]
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    return message
