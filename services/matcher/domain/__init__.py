"""The matcher's pure rules: how texts are chunked for the model and how a match is scored."""
