exports.onExecuteSendPhoneMessage = async (event, api) => {
  console.log(`message for ${event.message_options.recipient}`);
};
