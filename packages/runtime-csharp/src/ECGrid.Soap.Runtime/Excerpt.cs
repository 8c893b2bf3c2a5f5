namespace ECGrid.Soap.Runtime;

using System;
using System.Text.RegularExpressions;

/// <summary>Bounds on what error messages quote from a document: a hostile name or value never makes a message long.</summary>
internal static class Excerpt
{
    /// <summary>A quoted name or value is cut to this many characters (then <c>…</c>).</summary>
    public const int QuoteLength = 100;

    /// <summary>No exception message is longer than this many characters.</summary>
    public const int MessageLength = 2000;

    /// <summary><paramref name="text"/>, cut to <see cref="QuoteLength"/> characters.</summary>
    public static string Of(string text) => Cut(text, QuoteLength);

    /// <summary>A message, cut to <see cref="MessageLength"/> characters.</summary>
    public static string Message(string text) => Cut(text, MessageLength);

    /// <summary>A platform message (such as <c>XmlException</c>'s) with every 'quoted' name in it cut to <see cref="QuoteLength"/> characters.</summary>
    public static string QuotedNamesCut(string message)
    {
        if (message.Length <= QuoteLength) return message;
        try
        {
            return Regex.Replace(message, "'([^']{" + QuoteLength + "})[^']+'", "'$1\u2026'", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (RegexMatchTimeoutException)
        {
            return Message(message);
        }
    }

    private static string Cut(string text, int length)
    {
        if (text.Length <= length) return text;
        // Never cut a surrogate pair in two.
        var end = char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        return string.Concat(text.AsSpan(0, end), "\u2026");
    }
}
