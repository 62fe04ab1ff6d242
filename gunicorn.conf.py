"""gunicorn settings for every server started from this folder: `make serve`, `make bench`, `make load` and the tests
that start one (gunicorn reads ./gunicorn.conf.py by default).

The control socket is off: nothing here uses `gunicornc`, and every gunicorn on a machine would otherwise bind the
same path ($HOME/.gunicorn/gunicorn.ctl), so servers running at once (tests, benchmarks) would take it from each
other."""

control_socket_disable = True
