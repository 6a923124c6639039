"""Readers: what comes back into the plan from outside it.

`contact_matrix.read_back` reads the edits made in a contact matrix workbook back into the
plan file (`kapdocs contacts --update`), keeping the plan's comments and layout
(`yamledit`). A reader writes the plan, never a document: it is the renderers' mirror, and
shares with the contact matrix's writer only its column contract
(`kapdocs.render.contacts_xlsx.cells`).
"""
