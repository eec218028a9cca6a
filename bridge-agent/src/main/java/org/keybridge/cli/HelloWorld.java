package org.keybridge.cli;

/** The bench's baseline for a cold start: a bare Java Hello-World, started the way the agent is. */
public final class HelloWorld {
    private HelloWorld() {}

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
