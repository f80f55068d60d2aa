# Headless commands. Starts small: the command bundle arrives with issue 11; today this set is the
# headless core a command would run in.
name = cli
version = 1.0.0
description = Headless command set (commands arrive with issue 11)
includes = core, schema
