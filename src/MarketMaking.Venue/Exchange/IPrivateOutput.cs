namespace MarketMaking.Venue.Exchange;

/// <summary>Where the exchange's private-stream messages go (to every authenticated connection subscribed to the topic).</summary>
internal interface IPrivateOutput
{
    /// <param name="topic"><c>order</c>, <c>execution</c>, <c>position</c> or <c>wallet</c>.</param>
    /// <param name="message">The whole message, serialized once for every connection.</param>
    void Publish(string topic, byte[] message);

    /// <summary>Whether any connection would receive <paramref name="topic"/> (the message need not be made otherwise).</summary>
    bool Wants(string topic);
}
