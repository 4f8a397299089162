"""The monthly report (月报): occupancy, money, leases, moves, the service desk and fit-outs of one month, for
one building or the whole portfolio, on a page with charts, as a PDF, and e-mailed to management.

config sits above every app, so it may ask them all: each app computes its own figures in its
``report_selectors`` module (``monthly_report_*``), and ``compose`` only puts them together.
"""
