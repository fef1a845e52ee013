/**
 * Test doubles for programs that use a catalog generator: a real
 * chat-completions server on loopback that answers from a script, so the
 * real openai SDK runs end to end without a model (the e2e tests of
 * `snakepit add --llm` use it too).
 */
export { ScriptedChatServer, type ChatScript, type ScriptedReply, type RecordedChatRequest, type RecordedMessage } from "./scripted-chat-server.js";
