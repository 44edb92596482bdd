namespace CreditFunctions.Testing; internal static class Placeholder { }
