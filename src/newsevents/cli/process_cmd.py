"""PLACEHOLDER: commands of this module are being written."""

COMMANDS: list = []
