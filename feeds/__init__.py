"""Atom feeds: new evaluations (all, or about a service or an equity dimension), new resources and new events,
and the register's new projects (all, or about a service or an equity dimension) (issue 17).

A package of its own because it reads evidence, resources and the register, and none should import the other."""
