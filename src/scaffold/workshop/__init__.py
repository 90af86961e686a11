"""``scaffold workshop``: a classroom folder for a Flask-versus-Django class.

- ``ladder``: flask-full climbed rung by rung with ``scaffold update``, one
  tagged commit per rung, and the django-full twin;
- ``exercises``: the exercises' checks written into both projects, their
  solutions committed on branches by ``git apply``;
- ``report``: the compare report, as HTML that reads well projected;
- ``guide``: the lesson plan, ``GUIDE.md``;
- ``wheelhouse``: every distribution both projects need, for a room offline;
- ``command``: the Click command that builds the folder in a staging folder
  and moves it into place.
"""
