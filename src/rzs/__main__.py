from rzs.cli import main

raise SystemExit(main())
