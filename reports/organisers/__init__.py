"""The organisers' report of a werkplaats or a leertraject, per round and across rounds.

``pdf.build_organisers_pdf`` and ``excel.build_organisers_workbook`` both take a
``results.programme.Programme`` (plain frozen records) and ``named`` (municipalities shown, or
letters only); ``words`` holds the sentences both show, ``charts`` the PDF's pictures.
"""
