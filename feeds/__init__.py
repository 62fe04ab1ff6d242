"""Atom feeds that follow one thing: evaluations about a service or an equity dimension, new resources and new
events (issue 17). The feed of all new evaluations stays with the evidence app (evidence/views.py).

A package of its own because it reads both evidence and resources, and neither should import the other."""
