"""The words both pure packages read with: folding Vietnamese to a mark-free form, Unicode normalisation,
repairing legacy encodings and Telex leftovers (`bot.lang.fold`), and the days and periods people type
(`bot.lang.dates`). Imports neither the parser (`bot.directives`) nor the understanding
(`bot.understanding`), the database nor the services: both of them, and the rest, depend on it."""
