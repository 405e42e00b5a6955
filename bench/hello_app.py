"""The fixed reference of the load benchmark: a bare Flask hello-world."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    """Hello, World!"""
    return "Hello, World!"
