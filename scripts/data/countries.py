"""The countries that ever took part in the programme (Sources/ProgrammeRules/CountryTable.swift)."""

PARTICIPATING = (
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE "
    "GB AL AM BA IS XK MD ME MK RS TR UA"
).split()
