"""Check the answers before Cookiecutter writes anything, as Copier's validators do.

Cookiecutter renders this file first: each message below is a validator of the
Copier template, evaluated with the answers given, and empty when they are fine.
"""

import sys

CHECKS = [
    # CHECKS
]

for question, message in CHECKS:
    message = " ".join(message.split())
    if message:
        sys.exit(f"Error: {message} (set it with {question}=... on the cookiecutter command line)")
