export { PayloadCodec } from "./codec/payload-codec.js";
