import sys

from dream_lms.embedded.cli import main

sys.exit(main())
