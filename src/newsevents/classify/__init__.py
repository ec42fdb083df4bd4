"""The learned sentence classifier: does a sentence report an event, of which PLOVER type and
ACLED sub-event type, and is it current news or background (:mod:`.model`); its sentence
encoder (:mod:`.encoder`), word features (:mod:`.features`), training corpus (:mod:`.corpus`)
and training (:mod:`.train`, ``make train``)."""
