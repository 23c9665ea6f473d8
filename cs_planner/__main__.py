from cs_planner.cli import main

raise SystemExit(main())
