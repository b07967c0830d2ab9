import type { S3ClientConfig } from "@aws-sdk/client-s3";

/**
 * The settings every client of a tagger shares, S3 and S3 Control alike: the default region,
 * retries, the HTTP handler (its proxy and connection pool) and a logger.
 */
export type SharedClientConfig = Pick<
  S3ClientConfig,
  "region" | "maxAttempts" | "retryMode" | "requestHandler" | "logger"
>;

/**
 * One client per region, created on first use and shared after: every client is built from the
 * same settings (above all the same credentials provider), so a bucket in another region costs
 * a client, not another STS session.
 */
export class RegionalClients<Client> {
  private readonly clients = new Map<string, Client>();

  constructor(private readonly create: (region: string) => Client) {}

  /** Uses a client already made for a region, unless the region has one. */
  add(region: string, client: Client): void {
    if (!this.clients.has(region)) this.clients.set(region, client);
  }

  get(region: string): Client {
    let client = this.clients.get(region);
    if (!client) {
      client = this.create(region);
      this.clients.set(region, client);
    }
    return client;
  }
}
