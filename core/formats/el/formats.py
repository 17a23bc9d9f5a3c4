# A long date in words with the month in the genitive, "12 Μαρτίου 2025", as Greek
# public services write it in text (Django's default is the numeric "12/03/2025").
DATE_FORMAT = "j E Y"
