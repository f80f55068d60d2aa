package org.bmsw.cli;

/** A command refused to act: nothing was written to the device. Exits with {@link CliCommand#REFUSED}. */
public class Refusal extends Exception {

    public Refusal(String message) {
        super(message);
    }
}
