# The portal writes British English: "12 March 2025", not Django's "March 12, 2025".
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
