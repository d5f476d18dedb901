"""The monitoring pages, by sub-domain: rounds (with the matrix and dashboards), questionnaires,
replies, contributions, reports (recommendations and compliance), search and each person's own
screen, and the secretariat's desk (`common.desk`: one URL and one view per action). Views parse,
ask a selector or call one service, and render; every list offers CSV, XLSX and JSON of what it
shows (`?format=`), real records only unless `include_demo=1`."""
