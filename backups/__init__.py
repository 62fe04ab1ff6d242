"""Backup and restore: `manage.py backup` and `manage.py restore` (README "Backup and restore")."""
