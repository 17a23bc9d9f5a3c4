# "12 marzo 2025", as Italian public administrations write it (Django: "12 Marzo"-style "d F Y").
DATE_FORMAT = "j F Y"
