package org.keybridge.cli;

/** The baseline of the cold-start figure: a bare Java program that prints one line. */
public final class JavaHello {
    private JavaHello() {}

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
