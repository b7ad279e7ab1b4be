"""Woonafspraken: prestatieafspraken maken, ondertekenen, monitoren en evalueren."""

__version__ = "0.1.0"
