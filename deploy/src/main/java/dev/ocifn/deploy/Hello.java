package dev.ocifn.deploy;

/** The floor: a JVM that starts, prints one line and ends (the memory line comes after the measured one). */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("BENCH-RESPONSE");
        System.out.println("BENCH-MEMORY " + ProcStatus.memory());
    }
}
