namespace MarketMaking.Cli.Tests;

/// <summary>The book's headline runs, one after another rather than fighting for the two cores.</summary>
[CollectionDefinition(Name)]
public sealed class BookHeadlines
{
    public const string Name = "book headline results";
}
