"""The bare framework, for scale: Flask with one JSON route and nothing else."""

from flask import Flask

app = Flask(__name__)


@app.get("/healthz")
def healthz():
    return {"status": "ok"}
