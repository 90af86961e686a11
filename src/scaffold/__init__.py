"""scaffold: start Flask or Django web projects, and see what each framework costs."""

__version__ = "0.3.2"
