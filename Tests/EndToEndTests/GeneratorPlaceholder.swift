// Keeps the EndToEndTests target buildable until real end-to-end tests land; delete then.
