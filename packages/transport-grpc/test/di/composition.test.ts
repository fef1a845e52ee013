import { transportId } from "@snakepit/core";
import { Container } from "inversify";
import { describe, expect, it } from "vitest";
import { ConnectTransport, GrpcJsTransport, GrpcTransportContainerModule, createGrpcTransport } from "../../src/index.js";

const endpoint = { id: "w1", address: "unix:/tmp/nowhere.sock", token: "t" };

describe("composition", () => {
  it("createGrpcTransport picks the implementation, grpc-js by default", async () => {
    const byDefault = createGrpcTransport(endpoint);
    const connect = createGrpcTransport({ ...endpoint, implementation: "connect" });
    expect(byDefault).toBeInstanceOf(GrpcJsTransport);
    expect(connect).toBeInstanceOf(ConnectTransport);
    expect(byDefault.endpointId).toBe("w1");
    await Promise.all([byDefault.close(), connect.close()]);
  });

  it("GrpcTransportContainerModule binds one Transport", async () => {
    const container = new Container();
    await container.load(GrpcTransportContainerModule.fromOptions({ endpoint, implementation: "connect" }));
    const transport = container.get(transportId);
    expect(transport).toBeInstanceOf(ConnectTransport);
    expect(container.get(transportId)).toBe(transport);
    await transport.close();
  });
});
