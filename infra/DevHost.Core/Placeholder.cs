namespace CreditFunctions.DevHost; internal static class Placeholder { }
