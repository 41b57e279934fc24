package dev.ocifn.tools; public class Main { public static void main(String[] a){} }
