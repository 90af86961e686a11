"""Validators Django does not ship: control characters in text, and a password's length."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

# A title is one line: no control character at all (C0, DEL and C1).
no_control_characters = RegexValidator(
    r"[\x00-\x1f\x7f-\x9f]",
    inverse_match=True,
    message="Control characters are not allowed.",
)
# A body keeps its tabs and line breaks, and nothing else of the kind.
no_control_characters_but_line_breaks = RegexValidator(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]",
    inverse_match=True,
    message="Control characters other than tabs and line breaks are not allowed.",
)


class MaximumLengthValidator:
    """Refuse passwords longer than ``max_length``: Django's password fields have no limit."""

    def __init__(self, max_length: int = 128) -> None:
        self.max_length = max_length

    def validate(self, password: str, user=None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                "This password is too long. It must contain at most %(max_length)d characters.",
                code="password_too_long",
                params={"max_length": self.max_length},
            )

    def get_help_text(self) -> str:
        return f"Your password can’t be longer than {self.max_length} characters."
