"""What the directory tells the apps built on it about writes that send no model signals."""

from django.dispatch import Signal

# Sent by bulk writes of people and what they are made of (imports, generated and demo data), with
# `person_ids`: the people written, or None for "anyone may have changed". Apps that keep data derived
# from people (the consultations' strong members) bring it up to date.
people_changed = Signal()
