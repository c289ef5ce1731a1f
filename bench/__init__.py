"""Performance benchmark of the dashboard: `python -m bench [--quick] [--json PATH]`.

reruns.py (page reruns through AppTest, against reference_app.py), sampler.py
(share of a rerun spent in our own code), synthetic.py and scale.py (1x, 10x,
100x data), browser.py (time to a drawn map in Chromium), bad_inputs.py (time
to reject each bad data file), report.py (the JSON contract and the printed table). Nothing here changes the project's code.
"""
