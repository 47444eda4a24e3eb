"""The monthly summary of export declaration lists (汇总申报): the deadline, which released
lists are summarised and how (the eight-same rule), and what the summary declarations hold.

Below ``exchange/`` (the simulator groups a summary result with :mod:`.merge`) and above
``store/`` (the preview reads released lists from the journal). Plain functions, no Qt.
"""
