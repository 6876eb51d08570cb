"""Engine hits -> findings, and what happens to findings after a document is checked:
fingerprints, waivers, the baseline and the CI gate."""
