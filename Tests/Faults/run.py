"""The fault suite: pit given hostile paths, streams, text and files. Every case must end in
a clear error or correct output: no crash, no file changed that should not be, no control
byte on the terminal. Runs every Tests/Faults/test_*.py module, bounded in time, and ends
with a plain 'faults: N passed, N failed' line."""
import os
import signal
import sys
import unittest

# The whole suite must finish in this many seconds; each pit run has its own bound too.
SUITE_SECONDS = int(os.environ.get("PIT_FAULTS_SECONDS", "900"))

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)


def out_of_time(signum, frame):
    print(f"faults: the suite took more than {SUITE_SECONDS} s; stopped", flush=True)
    print("faults: 0 passed, 1 failed", flush=True)
    os._exit(1)


signal.signal(signal.SIGALRM, out_of_time)
signal.alarm(SUITE_SECONDS)
suite = unittest.defaultTestLoader.discover(here, pattern="test_*.py")
result = unittest.TextTestRunner(verbosity=2).run(suite)
signal.alarm(0)
failed = len(result.failures) + len(result.errors)
print(f"faults: {result.testsRun - failed - len(result.skipped)} passed, {failed} failed")
sys.exit(0 if result.wasSuccessful() and result.testsRun > 0 else 1)
