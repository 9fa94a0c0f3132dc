"""The portal as WSGI app for tests/ops/test_killed_worker.py, with one fault to inject.

A POST carrying the header X-Test-Kill-After-Commit kills its own worker with SIGKILL at the moment
Django hands over the response: the view has run, its transaction has committed and the after-commit
work is done, but not a byte reaches the client — a worker killed by the OOM killer or a deploy at
the worst moment. Only this test serves it; production serves portal.wsgi.
"""
import os
import signal

from portal.wsgi import application as portal


def application(environ, start_response):
    if environ.get("REQUEST_METHOD") == "POST" and environ.get("HTTP_X_TEST_KILL_AFTER_COMMIT"):
        def die(status, headers, exc_info=None):
            os.kill(os.getpid(), signal.SIGKILL)

        return portal(environ, die)
    return portal(environ, start_response)
